import { describe, expect, it } from 'vitest';
import { PreviewLoop } from '../../renderer/lib/preview-loop.js';
import { deferred, settle } from './fake-api.js';

/** What main answers when another caller's preview overtook this one. */
const ABANDONED = new Error('a newer preview replaced this one');

function harness() {
  const asked: { request: number; answer: ReturnType<typeof deferred<string>> }[] = [];
  const drawn: string[] = [];
  const errors: unknown[] = [];
  const busy: boolean[] = [];
  const loop = new PreviewLoop<number, string>(
    (request) => {
      const answer = deferred<string>();
      asked.push({ request, answer });
      return answer.promise;
    },
    (frame) => drawn.push(frame.value),
    (e) => errors.push(e),
    (b) => busy.push(b),
    (e) => e === ABANDONED,
  );
  return { loop, asked, drawn, errors, busy };
}

describe('preview loop', () => {
  it('keeps one request in flight and only the newest waiting while a slider is dragged', async () => {
    const { loop, asked, drawn } = harness();
    for (let i = 1; i <= 10; i++) loop.request(i);
    expect(asked.map((a) => a.request)).toEqual([1]);
    asked[0].answer.resolve('frame 1');
    await settle();
    // 2..9 were superseded before they could be sent: only 10 goes next.
    expect(asked.map((a) => a.request)).toEqual([1, 10]);
    asked[1].answer.resolve('frame 10');
    await settle();
    expect(drawn).toEqual(['frame 1', 'frame 10']);
  });

  it('drops a frame that arrives after a reset (another preset or photo)', async () => {
    const { loop, asked, drawn } = harness();
    loop.request(1);
    loop.reset();
    loop.request(2);
    asked[0].answer.resolve('old preset');
    await settle();
    asked[1].answer.resolve('new preset');
    await settle();
    expect(drawn).toEqual(['new preset']);
  });

  it('reports a failure and carries on with the next request', async () => {
    const { loop, asked, drawn, errors } = harness();
    loop.request(1);
    loop.request(2);
    asked[0].answer.reject(new Error('no current photo'));
    await settle();
    asked[1].answer.resolve('frame 2');
    await settle();
    expect(errors).toHaveLength(1);
    expect(drawn).toEqual(['frame 2']);
  });

  it('says when it is busy, and draws nothing once disposed', async () => {
    const { loop, asked, drawn, busy } = harness();
    loop.request(1);
    loop.dispose();
    loop.request(2);
    asked[0].answer.resolve('late');
    await settle();
    expect(drawn).toEqual([]);
    expect(asked).toHaveLength(1);
    expect(busy).toEqual([true, false]);
  });

  it('asks again when main abandons its newest request, so the screen does not keep a stale draft', async () => {
    const { loop, asked, drawn, errors } = harness();
    loop.request(1);
    asked[0].answer.reject(ABANDONED);
    await settle();
    expect(asked.map((a) => a.request)).toEqual([1, 1]);
    asked[1].answer.resolve('frame 1');
    await settle();
    expect(drawn).toEqual(['frame 1']);
    expect(errors).toEqual([]);
  });

  it('does not repeat an abandoned request that a newer one replaces, and gives up after three retries', async () => {
    const { loop, asked, drawn, errors } = harness();
    loop.request(1);
    loop.request(2);
    asked[0].answer.reject(ABANDONED);
    await settle();
    expect(asked.map((a) => a.request)).toEqual([1, 2]);
    for (let i = 1; i <= 4; i++) {
      asked[i].answer.reject(ABANDONED);
      await settle();
    }
    expect(asked.map((a) => a.request)).toEqual([1, 2, 2, 2, 2]);
    expect(errors).toEqual([ABANDONED]);
    expect(drawn).toEqual([]);
  });
});
