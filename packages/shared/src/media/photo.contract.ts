import { z } from 'zod';

/** Photo types the API accepts; every stored photo and thumbnail is re-encoded as JPEG. */
export const ACCEPTED_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/**
 * A stored photo, as `POST /api/media/photos` answers it and as incidents and reports list theirs.
 * `url` and `thumbnailUrl` are public (the id is a random UUID) and never change.
 */
export const storedPhotoSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  thumbnailUrl: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
});
export type StoredPhoto = z.infer<typeof storedPhotoSchema>;
