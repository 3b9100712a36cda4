import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, utf8Bytes } from '../../shared-rules/src/text/sha256';

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256Hex(utf8Bytes('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(utf8Bytes(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(utf8Bytes('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
  it('agrees with Node crypto on every length around the block boundaries, and on UTF-8 text', () => {
    for (let n = 0; n < 200; n++) {
      const s = 'é€😀x'.repeat(n).slice(0, n);
      expect(sha256Hex(utf8Bytes(s)), `length ${n}`).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }
  });
});
