import { API_KEY_SCOPES, createApiKeyRequestSchema, createUserRequestSchema, FEEDS, ingestScopeFor } from '../../index';

describe('user contract', () => {
  const base = { username: 'Truc.Dem', displayName: 'Ca đêm', password: 'a-long-password' };

  it('lower-cases usernames so sign-in is case-insensitive', () => {
    expect(createUserRequestSchema.parse({ ...base, role: 'duty_officer' }).username).toBe('truc.dem');
  });

  it('requires an agency for a responder and refuses one for other roles', () => {
    const agencyId = '6f1c1d7e-4a3b-4c2d-9e8f-0a1b2c3d4e5f';
    expect(createUserRequestSchema.safeParse({ ...base, role: 'responder' }).success).toBe(false);
    expect(createUserRequestSchema.safeParse({ ...base, role: 'responder', agencyId }).success).toBe(true);
    expect(createUserRequestSchema.safeParse({ ...base, role: 'leader', agencyId }).success).toBe(false);
  });

  it('refuses short passwords and odd usernames', () => {
    expect(createUserRequestSchema.safeParse({ ...base, role: 'admin', password: 'short' }).success).toBe(false);
    expect(createUserRequestSchema.safeParse({ ...base, role: 'admin', username: 'a b' }).success).toBe(false);
  });
});

describe('API key scopes', () => {
  it('give each feed its own ingest scope', () => {
    for (const feed of FEEDS) expect(API_KEY_SCOPES).toContain(ingestScopeFor(feed));
  });

  it('refuse a repeated scope', () => {
    expect(createApiKeyRequestSchema.safeParse({ name: 'x', scopes: ['ingest:traffic', 'ingest:traffic'] }).success).toBe(false);
  });
});
