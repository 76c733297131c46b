import { useCallback, useEffect, useRef, useState } from 'react';
import { selectPhotos } from '../utils/photo-selection.util';

export interface ChosenPhoto {
  id: number;
  file: File;
  /** An object URL for the preview; revoked when the photo is removed or the form goes away. */
  previewUrl: string;
}

export interface PhotoNotice {
  overLimit: number;
  notImages: number;
}

/** The photos chosen for a report, with their previews, kept within MAX_REPORT_PHOTOS. */
export function usePhotoSelection(): {
  photos: ChosenPhoto[];
  notice: PhotoNotice | null;
  addPhotos: (files: readonly File[]) => void;
  removePhoto: (id: number) => void;
} {
  const [photos, setPhotos] = useState<ChosenPhoto[]>([]);
  const [notice, setNotice] = useState<PhotoNotice | null>(null);
  const nextId = useRef(1);
  // Every preview URL still alive, so leaving the page frees the decoded images.
  const liveUrls = useRef(new Set<string>());

  useEffect(() => {
    const urls = liveUrls.current;
    return () => {
      for (const url of urls) URL.revokeObjectURL(url);
      urls.clear();
    };
  }, []);

  const addPhotos = useCallback(
    (files: readonly File[]) => {
      const selection = selectPhotos(photos.length, files);
      const added = selection.accepted.map((file) => {
        const previewUrl = URL.createObjectURL(file);
        liveUrls.current.add(previewUrl);
        return { id: nextId.current++, file, previewUrl };
      });
      setPhotos([...photos, ...added]);
      setNotice(selection.overLimit || selection.notImages ? { overLimit: selection.overLimit, notImages: selection.notImages } : null);
    },
    [photos],
  );

  const removePhoto = useCallback(
    (id: number) => {
      const removed = photos.find((photo) => photo.id === id);
      if (removed) {
        URL.revokeObjectURL(removed.previewUrl);
        liveUrls.current.delete(removed.previewUrl);
      }
      setPhotos(photos.filter((photo) => photo.id !== id));
      setNotice(null);
    },
    [photos],
  );

  return { photos, notice, addPhotos, removePhoto };
}
