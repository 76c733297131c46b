import type { Readable } from 'node:stream';

/**
 * Where uploaded files live. Local disk is the default provider; an S3-compatible provider
 * (MinIO, Ceph, a cloud bucket) is a later provider behind this same interface, bound to the
 * same token in StorageModule, so nothing that stores or serves files changes with it.
 */
export interface ObjectStorage {
  /** Writes the whole object, replacing any object with that key; readers never see half a file. */
  put(key: string, body: Buffer | Readable, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is no such object. */
  get(key: string): Promise<Readable | null>;
  /** Removes the object; removing one that does not exist is not an error. */
  delete(key: string): Promise<void>;
}

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

/** Keys are ours, never a client's file name: lower-case segments of safe characters, no `..`. */
const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/;

export function assertValidKey(key: string): void {
  if (!KEY_PATTERN.test(key) || key.includes('..')) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
}
