import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../api';

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

/** The error of the last action, where the user acted. */
export function ErrorAlert({ error, testId = 'error' }: { error: unknown; testId?: string }) {
  if (!error) return null;
  return (
    <div className="alert error" role="alert" data-testid={testId}>
      {errorMessage(error)}
    </div>
  );
}

export function Empty({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty" data-testid={testId}>
      <strong>{title}</strong>
      {children}
    </div>
  );
}

export function Field({ label, htmlFor, hint, error, children }: {
  label: string;
  htmlFor: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint && <div className="hint">{hint}</div>}
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}

/** The server's message for one form field, if the last error named it. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldMessage(field) : undefined;
}

/** A read-only link with a Copy button; the button says "Copied" for a moment. */
export function CopyField({ value, label, testId }: { value: string; label: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Without clipboard permission the text is selected so the user can copy it by hand.
      input.current?.select();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div className="copy">
      <input ref={input} readOnly value={value} aria-label={label} data-testid={testId} onFocus={(e) => e.target.select()} />
      <button type="button" className="btn secondary small" onClick={copy} data-testid={`${testId}-copy`}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

/** Loads data for a page and reloads on demand: the loading, error and empty states every page shows. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load()
      .then((value) => live && (setData(value), setError(undefined)))
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // The caller's deps stand for `load`, as with useEffect; the lint config checks them at each call (additionalHooks).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload, setData };
}

/** Runs a form action: busy while it runs, its error kept to show beside the form. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (...args: A): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await action(...args);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, setError };
}

/** The mark: light on the dark header, dark on light pages. */
export function Logo({ onLight = false }: { onLight?: boolean }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill={onLight ? '#1f4e5f' : '#f4efe6'} />
      <path d="M12 23a3 3 0 1 1-2-2.8V9l11-2v12.5a3 3 0 1 1-2-2.8V10.3l-7 1.3z" fill={onLight ? '#f4efe6' : '#1f4e5f'} />
    </svg>
  );
}
