import { describe, expect, it } from 'vitest';
import { PixelBudget } from '../../../main/core/grading/pixel-budget.js';

/** Whether the promise has settled once pending callbacks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('the batch pixel budget', () => {
  it('lets photos that fit run together and makes the next wait for room', async () => {
    const budget = new PixelBudget(100);
    const a = await budget.acquire(40);
    const b = await budget.acquire(60);
    expect(budget.pixelsInFlight).toBe(100);
    const c = budget.acquire(10);
    expect(await settled(c)).toBe(false);
    a();
    expect(await settled(c)).toBe(true);
    expect(budget.pixelsInFlight).toBe(70);
    b();
    (await c)();
    expect(budget.pixelsInFlight).toBe(0);
  });

  it('runs a photo larger than the whole budget, alone', async () => {
    const budget = new PixelBudget(100);
    const small = await budget.acquire(10);
    const huge = budget.acquire(500);
    expect(await settled(huge)).toBe(false);
    small();
    const releaseHuge = await huge;
    expect(budget.pixelsInFlight).toBe(500);
    const next = budget.acquire(1);
    expect(await settled(next)).toBe(false);
    releaseHuge();
    expect(await settled(next)).toBe(true);
  });

  it('serves in order, so small photos do not overtake a large one waiting, and a second release is harmless', async () => {
    const budget = new PixelBudget(100);
    const first = await budget.acquire(50);
    const large = budget.acquire(80);
    const small = budget.acquire(10);
    expect([await settled(large), await settled(small)]).toEqual([false, false]);
    first();
    first();
    expect([await settled(large), await settled(small)]).toEqual([true, true]);
    expect(budget.pixelsInFlight).toBe(90);
  });
});
