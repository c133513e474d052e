import { createEventQueue } from './event-queue';

describe('createEventQueue', () => {
  it('hands items out in order, to a waiting reader at once', async () => {
    const queue = createEventQueue<number>(10, jest.fn(), jest.fn());
    const waiting = queue.next();
    queue.push(1);
    queue.push(2);
    queue.unshift(0);
    expect(await waiting).toEqual({ done: false, value: 1 });
    expect(await queue.next()).toEqual({ done: false, value: 0 });
    expect(await queue.next()).toEqual({ done: false, value: 2 });
  });

  it('drops refused items with retain', async () => {
    const queue = createEventQueue<number>(10, jest.fn(), jest.fn());
    [1, 2, 3, 4].forEach((item) => queue.push(item));
    queue.retain((item) => item % 2 === 0);
    expect(await queue.next()).toEqual({ done: false, value: 2 });
    expect(await queue.next()).toEqual({ done: false, value: 4 });
  });

  it('ends once, calling onOverflow, when more than the limit wait', async () => {
    const onOverflow = jest.fn();
    const onEnd = jest.fn();
    const queue = createEventQueue<number>(2, onOverflow, onEnd);
    [1, 2, 3, 4].forEach((item) => queue.push(item));
    expect(onOverflow).toHaveBeenCalledTimes(1);
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(await queue.next()).toEqual({ done: true, value: undefined });
  });

  it('ends a waiting reader on end()', async () => {
    const onEnd = jest.fn();
    const queue = createEventQueue<number>(2, jest.fn(), onEnd);
    const waiting = queue.next();
    queue.end();
    queue.end();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(onEnd).toHaveBeenCalledTimes(1);
  });
});
