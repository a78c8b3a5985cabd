/** The batch's input paths: kept outside the view so drops arrive while another view shows. */
class BatchInputs {
  paths = $state<string[]>([]);

  add(paths: readonly string[]): void {
    this.paths = [...new Set([...this.paths, ...paths])];
  }

  remove(path: string): void {
    this.paths = this.paths.filter((p) => p !== path);
  }

  clear(): void {
    this.paths = [];
  }
}

export const batchInputs = new BatchInputs();
