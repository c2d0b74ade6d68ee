import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { acceptInvitation, ApiError, getInvitation, login, refreshSession, signup } from '../api';
import { useSession } from '../components/session';
import { Empty, ErrorAlert, Field, fieldError, Logo, Spinner, useAction, useLoad } from '../components/ui';
import { ZoneSelect } from '../components/ZoneSelect';
import { browserZone } from '../lib/time';

/** Only paths inside the app may be a `next` target, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/dashboard';
}

function AuthFrame({ title, subtitle, children }: { title: string; subtitle?: string; children: React.ReactNode }) {
  return (
    <main className="page-narrow">
      <Link to="/" className="brand" style={{ color: 'var(--brand)', marginBottom: '1.25rem' }} aria-label="Muse Academy home">
        <Logo onLight /> Muse Academy
      </Link>
      <div className="card">
        <h1>{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
        {children}
      </div>
    </main>
  );
}

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(() => login(email.trim(), password));
  const next = safeNext(params.get('next'));
  if (session.status === 'signed-in' && !action.busy) return <Navigate to={next} replace />;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run()) navigate(next, { replace: true });
  };
  return (
    <AuthFrame title="Sign in" subtitle="Welcome back. Your lessons are waiting.">
      <form onSubmit={submit} noValidate={false} data-testid="login-form">
        <ErrorAlert error={action.error} testId="login-error" />
        <Field label="Email" htmlFor="login-email">
          <input id="login-email" type="email" autoComplete="username" required value={email}
            onChange={(e) => setEmail(e.target.value)} data-testid="login-email" />
        </Field>
        <Field label="Password" htmlFor="login-password">
          <input id="login-password" type="password" autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
        </Field>
        <button type="submit" className="btn block" disabled={action.busy} data-testid="login-submit">
          {action.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="small muted" style={{ marginTop: '1rem' }}>
        <Link to="/reset-password" data-testid="to-reset-password">Forgot your password?</Link>{' '}
        New teacher? <Link to="/signup" data-testid="to-signup">Create a teacher account</Link>. Students and parents
        join through the invitation link their teacher sends.
      </p>
    </AuthFrame>
  );
}

/** The account form shared by teacher sign-up and sign-up through an invitation. */
function SignupForm({ invitation, submitLabel }: { invitation?: string; submitLabel: string }) {
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [zone, setZone] = useState(browserZone());
  const action = useAction(() => signup({
    email: email.trim(),
    password,
    displayName: displayName.trim(),
    zone,
    locale: navigator.language || 'en',
    ...(invitation ? { invitation } : {}),
  }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run()) navigate('/dashboard', { replace: true });
  };
  return (
    <form onSubmit={submit} data-testid="signup-form">
      <ErrorAlert error={action.error} testId="signup-error" />
      <Field label="Your name" htmlFor="signup-name" hint="Shown to your teacher or students."
        error={fieldError(action.error, 'displayName')}>
        <input id="signup-name" autoComplete="name" required maxLength={80} value={displayName}
          onChange={(e) => setDisplayName(e.target.value)} data-testid="signup-name" />
      </Field>
      <Field label="Email" htmlFor="signup-email" error={fieldError(action.error, 'email')}>
        <input id="signup-email" type="email" autoComplete="email" required value={email}
          onChange={(e) => setEmail(e.target.value)} data-testid="signup-email" />
      </Field>
      <Field label="Password" htmlFor="signup-password" hint="At least 10 characters."
        error={fieldError(action.error, 'password')}>
        <input id="signup-password" type="password" autoComplete="new-password" required minLength={10} value={password}
          onChange={(e) => setPassword(e.target.value)} data-testid="signup-password" />
      </Field>
      <Field label="Your time zone" htmlFor="signup-zone" hint="Every lesson is shown to you in this zone."
        error={fieldError(action.error, 'zone')}>
        <ZoneSelect id="signup-zone" value={zone} onChange={setZone} testId="signup-zone" />
      </Field>
      <button type="submit" className="btn block" disabled={action.busy} data-testid="signup-submit">
        {action.busy ? 'Creating your account…' : submitLabel}
      </button>
    </form>
  );
}

export function SignupPage() {
  const session = useSession();
  if (session.status === 'signed-in') return <Navigate to="/dashboard" replace />;
  return (
    <AuthFrame title="Create a teacher account" subtitle="Schedule lessons, invite students, and teach from any browser.">
      <SignupForm submitLabel="Create account" />
      <p className="small muted" style={{ marginTop: '1rem' }}>
        Already have an account? <Link to="/login">Sign in</Link>.
      </p>
    </AuthFrame>
  );
}

export function InvitePage() {
  const { token = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const preview = useLoad(() => getInvitation(token), [token]);
  const accept = useAction(async () => {
    await acceptInvitation(token);
    await refreshSession();
  });
  if (preview.loading) return <AuthFrame title="Your invitation"><Spinner /></AuthFrame>;
  if (preview.error) {
    const gone = preview.error instanceof ApiError && (preview.error.status === 410 || preview.error.status === 404);
    return (
      <AuthFrame title="This invitation cannot be used">
        <div data-testid="invite-invalid">
          <ErrorAlert error={preview.error} />
          {gone && <p className="muted">Ask your teacher for a new invitation link.</p>}
          <Link to="/login">Go to sign in</Link>
        </div>
      </AuthFrame>
    );
  }
  const info = preview.data!;
  const as = info.role === 'observer'
    ? `to watch ${info.studentName ?? 'a student'}'s lessons`
    : 'as their student';
  const subtitle = `${info.teacherName ?? 'Your teacher'} invites you ${as} on Muse Academy.`;
  if (session.status === 'signed-in') {
    return (
      <AuthFrame title="Accept the invitation" subtitle={subtitle}>
        <ErrorAlert error={accept.error} />
        <button type="button" className="btn block" disabled={accept.busy} data-testid="invite-accept"
          onClick={async () => (await accept.run()) && navigate('/dashboard')}>
          Accept invitation
        </button>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title="Join Muse Academy" subtitle={subtitle}>
      <div data-testid="invite-preview" className="sr-only">{subtitle}</div>
      <SignupForm invitation={token} submitLabel="Create my account" />
      <p className="small muted" style={{ marginTop: '1rem' }}>
        Already have an account? <Link to={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}>Sign in to accept</Link>.
      </p>
    </AuthFrame>
  );
}

export function LandingPage() {
  const session = useSession();
  if (session.status === 'signed-in') return <Navigate to="/dashboard" replace />;
  return (
    <>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand"><Logo /> Muse Academy</Link>
          <span style={{ flex: 1 }} />
          <Link to="/login" className="btn ghost" data-testid="landing-login">Sign in</Link>
          <Link to="/signup" className="btn secondary" data-testid="landing-signup">Create teacher account</Link>
        </div>
      </header>
      <section className="hero">
        <div>
          <h1>Music lessons online, with sound fit for a violin.</h1>
          <p>Book a weekly lesson once, in each person&rsquo;s own time zone. At lesson time the room is ready;
            you both join from a browser and play to each other in stereo, without echo cancellation getting in the way.</p>
          <div className="row">
            <Link to="/signup" className="btn">Start teaching</Link>
            <Link to="/login" className="btn secondary">Sign in</Link>
          </div>
        </div>
        <div className="card">
          <h2>Tuesday, 18:00 Seoul</h2>
          <p className="muted">13:00 in Abu Dhabi · weekly · 45 min</p>
          <p>Every lesson is recorded by itself and ready to replay, slowed down for practice.</p>
        </div>
      </section>
      <section className="features">
        <div className="card"><h3>Music mode</h3><p className="muted">Stereo Opus at 256 kb/s, no noise gate, no auto gain.</p></div>
        <div className="card"><h3>Gets through</h3><p className="muted">Falls back to TURN over TCP and TLS on 443 where networks block calls.</p></div>
        <div className="card"><h3>Replay and previews</h3><p className="muted">Lesson replays and preview videos in one library.</p></div>
      </section>
    </>
  );
}

export function NotFoundPage() {
  return (
    <main className="page-narrow">
      <div className="card">
        <Empty title="There is no page here." testId="not-found">
          <p><Link to="/">Go to the start page</Link></p>
        </Empty>
      </div>
    </main>
  );
}

