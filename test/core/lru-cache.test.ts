import { describe, expect, it } from 'vitest';
import { LruCache } from '../../main/core/lru-cache.js';

describe('LruCache', () => {
  it('drops the least recently used beyond its capacity, and says which', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, number>(2, (value, key) => evicted.push(`${key}=${value}`));
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recently used
    cache.set('c', 3);
    expect(evicted).toEqual(['b=2']);
    expect([...cache.values()]).toEqual([1, 3]);
    cache.set('a', 10); // replacing a key evicts nothing
    expect(evicted).toEqual(['b=2']);
    expect(cache.size).toBe(2);
  });

  it('peeks without changing the order', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, number>(2, (_, key) => evicted.push(key));
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.peek('a')).toBe(1);
    cache.set('c', 3);
    expect(evicted).toEqual(['a']);
    expect(cache.delete('b')).toBe(true);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
