/** Newsroom members: who they are, their role and their password hash. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Roles, type Role } from '../../shared/roles';
import { colorFor } from '../../shared/people';
import type { Me } from '../../shared/api';
import type { Database } from '../store/database';
import { ConflictError, ValidationError } from '../errors';
import { hashPassword } from './passwords';

/** A user as stored. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
}

/** What it takes to add a newsroom member. */
export const NewUserSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  name: z.string().trim().min(1).max(120),
  role: z.enum(Roles),
  password: z.string().min(10, 'Passwords need at least 10 characters.').max(200),
});
export type NewUser = z.input<typeof NewUserSchema>;

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  created_at: string;
}

const fromRow = (r: UserRow): User => ({ id: r.id, email: r.email, name: r.name, role: r.role, passwordHash: r.password_hash, createdAt: r.created_at });

/** The user table. */
export class UserStore {
  constructor(private readonly db: Database) {}

  /** Adds a member; refuses a bad email, role or short password, and a taken email. */
  async add(input: NewUser): Promise<User> {
    const parsed = NewUserSchema.safeParse(input);
    if (!parsed.success) throw ValidationError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { email, name, role, password } = parsed.data;
    if (await this.byEmail(email)) throw ConflictError(`A user with the email ${email} already exists.`);
    const user: User = { id: randomUUID(), email, name, role, passwordHash: await hashPassword(password), createdAt: new Date().toISOString() };
    await this.db.run('INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      user.id,
      user.email,
      user.name,
      user.role,
      user.passwordHash,
      user.createdAt,
    ]);
    return user;
  }

  async byEmail(email: string): Promise<User | undefined> {
    const row = await this.db.get<UserRow>('SELECT * FROM users WHERE email = ?', [email.trim().toLowerCase()]);
    return row && fromRow(row);
  }

  async byId(id: string): Promise<User | undefined> {
    const row = await this.db.get<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
    return row && fromRow(row);
  }

  /** Changes a member's role. */
  async setRole(id: string, role: Role): Promise<void> {
    await this.db.run('UPDATE users SET role = ? WHERE id = ?', [role, id]);
  }

  /** Changes a member's password. */
  async setPassword(id: string, password: string): Promise<void> {
    await this.db.run('UPDATE users SET password_hash = ? WHERE id = ?', [await hashPassword(password), id]);
  }

  /** Everyone in the newsroom, by name. */
  async list(): Promise<User[]> {
    return (await this.db.all<UserRow>('SELECT * FROM users ORDER BY name')).map(fromRow);
  }

  async count(): Promise<number> {
    return (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM users'))!.n;
  }
}

/** How a user appears to themselves in the API. */
export function presentMe(user: User): Me {
  return { id: user.id, email: user.email, name: user.name, role: user.role, color: colorFor(user.id) };
}
