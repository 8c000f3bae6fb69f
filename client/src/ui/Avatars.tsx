/** Coloured initials for the people in a story, full name on hover. */
import { initialsOf } from '../../../shared/people';

/** Someone to draw as an avatar. */
export interface AvatarPerson {
  name: string;
  color: string;
  isYou?: boolean;
}

/** One person's avatar. */
export function Avatar({ person, size = 'md' }: { person: AvatarPerson; size?: 'sm' | 'md' }) {
  const label = person.isYou ? `${person.name} (you)` : person.name;
  return (
    <span className={`avatar avatar--${size}${person.isYou ? ' avatar--you' : ''}`} style={{ backgroundColor: person.color }} title={label} aria-label={label} role="img">
      {initialsOf(person.name)}
    </span>
  );
}

/** A row of avatars; beyond `max`, a "+n" chip lists the rest on hover. */
export function AvatarStack({ people, size = 'md', max = 5, testId }: { people: AvatarPerson[]; size?: 'sm' | 'md'; max?: number; testId?: string }) {
  const shown = people.slice(0, max);
  const hidden = people.slice(max);
  return (
    <span className={`avatar-stack avatar-stack--${size}`} data-testid={testId} aria-label={people.length ? `In this story: ${people.map((p) => (p.isYou ? `${p.name} (you)` : p.name)).join(', ')}` : 'Nobody is in this story'}>
      {shown.map((person) => (
        <Avatar key={`${person.name}|${person.color}`} person={person} size={size} />
      ))}
      {hidden.length > 0 && (
        <span className={`avatar avatar--${size} avatar--more`} title={hidden.map((p) => p.name).join(', ')}>
          +{hidden.length}
        </span>
      )}
    </span>
  );
}
