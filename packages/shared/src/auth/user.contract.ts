import { z } from 'zod';
import { roleSchema } from './role';

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  agencyId: z.uuid().nullable(),
  active: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type User = z.infer<typeof userSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, 'use 3 to 64 letters, digits, dots, dashes or underscores');

export const createUserRequestSchema = z
  .object({
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(120),
    password: z.string().min(12, 'at least 12 characters').max(256),
    role: roleSchema,
    agencyId: z.uuid().nullable().default(null),
  })
  .refine((user) => (user.role === 'responder') === (user.agencyId !== null), {
    message: 'a responder belongs to exactly one agency; other roles belong to none',
    path: ['agencyId'],
  });
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;
