/** The Galley wordmark. */
export function Wordmark({ size = 'md' }: { size?: 'sm' | 'md' }) {
  return (
    <span className={`wordmark wordmark--${size}`} aria-label="Galley">
      Galley
    </span>
  );
}
