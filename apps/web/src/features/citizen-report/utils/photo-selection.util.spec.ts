import { formatFileSize, isLikelyTooLarge, PHOTO_SIZE_HINT_BYTES, selectPhotos, type PhotoFile } from './photo-selection.util';

const photo = (name: string, type = 'image/jpeg', size = 200_000): PhotoFile => ({ name, type, size });

describe('selectPhotos', () => {
  it('keeps at most five photos in all and says how many were left out', () => {
    const picked = ['a', 'b', 'c', 'd'].map((name) => photo(`${name}.jpg`));
    expect(selectPhotos(3, picked)).toEqual({ accepted: picked.slice(0, 2), overLimit: 2, notImages: 0 });
    expect(selectPhotos(5, picked)).toEqual({ accepted: [], overLimit: 4, notImages: 0 });
  });

  it('drops files the browser knows are not images, but lets untyped ones through for the server to judge', () => {
    const pdf = photo('invoice.pdf', 'application/pdf');
    const untyped = photo('IMG_0001', '');
    expect(selectPhotos(0, [pdf, untyped])).toEqual({ accepted: [untyped], overLimit: 0, notImages: 1 });
  });
});

describe('size hint', () => {
  it('flags photos above the API default limit', () => {
    expect(isLikelyTooLarge(photo('big.jpg', 'image/jpeg', PHOTO_SIZE_HINT_BYTES + 1))).toBe(true);
    expect(isLikelyTooLarge(photo('ok.jpg', 'image/jpeg', PHOTO_SIZE_HINT_BYTES))).toBe(false);
  });

  it('writes sizes the way each language does', () => {
    expect(formatFileSize(2.5 * 1024 * 1024, 'vi')).toBe('2,5 MB');
    expect(formatFileSize(2.5 * 1024 * 1024, 'en')).toBe('2.5 MB');
    expect(formatFileSize(350 * 1024, 'en')).toBe('350 kB');
  });
});
