/** The newsroom: `GET /api/people`, for bylines. */
import type { Person } from '../../../shared/api';
import type { Role } from '../../../shared/roles';
import { request } from './http';

/** A newsroom member, with their role. */
export interface Colleague extends Person {
  role: Role;
}

/** Everyone in the newsroom. */
export async function listPeople(signal?: AbortSignal): Promise<Colleague[]> {
  const { people } = await request<{ people: Colleague[] }>('/api/people', { signal });
  return people;
}
