/** The four roles of the newsroom (DESIGN.md, "Who uses it"). */
export const Roles = ['writer', 'copy_editor', 'publisher', 'admin'] as const;
export type Role = (typeof Roles)[number];

/** What each role is called in the newsroom. */
export const RoleLabels: Record<Role, string> = {
  writer: 'Reporter',
  copy_editor: 'Copy desk',
  publisher: 'Editor',
  admin: 'Admin',
};

/** Whether a string names a role. */
export function isRole(value: string): value is Role {
  return (Roles as readonly string[]).includes(value);
}
