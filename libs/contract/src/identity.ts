import { z } from 'zod';
import { Id, PageQuery, Text, Timestamp } from './common';
import { ROLES } from './enums';

export const Email = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());
export const Password = z.string().min(10, 'must be at least 10 characters').max(200);

export const LoginBody = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const User = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  vendorId: Id.nullable(),
  active: z.boolean(),
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;

export const LoginResult = z.object({
  accessToken: z.string(),
  expiresIn: z.number().int().describe('seconds until the token expires'),
  user: User.pick({ id: true, email: true, name: true, role: true, vendorId: true }),
});
export type LoginResult = z.infer<typeof LoginResult>;

export const CreateUserBody = z
  .strictObject({
    email: Email,
    name: Text(120),
    password: Password,
    role: z.enum(ROLES),
    vendorId: Id.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.role === 'vendor' && !body.vendorId) {
      ctx.addIssue({ code: 'custom', path: ['vendorId'], message: 'is required when role is vendor' });
    }
    if (body.role !== 'vendor' && body.vendorId) {
      ctx.addIssue({ code: 'custom', path: ['vendorId'], message: 'is only for role vendor' });
    }
  });
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.strictObject({
  name: Text(120).optional(),
  password: Password.optional(),
  role: z.enum(ROLES).optional(),
  vendorId: Id.nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ListUsersQuery = PageQuery.extend({ role: z.enum(ROLES).optional() });
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;
