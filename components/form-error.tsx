/** An inline form error; renders nothing when there is none. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p data-testid="form-error" role="alert" className="mt-2 text-sm text-red-700">
      {message}
    </p>
  );
}
