/** The key of an agent core's encrypted cache, as its core unseals it (the browser host's file-key box). */
import { createFileKeySecretBox } from '../../src/main/core/secrets/fileKeySecretBox.js';
import { loadCacheKey } from '../../src/main/core/store/cacheKey.js';

export function cacheKeyOf(dataDir: string): Buffer {
  return loadCacheKey(dataDir, createFileKeySecretBox(dataDir)).key;
}
