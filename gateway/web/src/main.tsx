import { StrictMode, lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';
import { RequireAuth, SessionProvider } from './components/session';
import { Spinner } from './components/ui';
import { InvitePage, LandingPage, LoginPage, NotFoundPage, SignupPage } from './pages/Auth';
import { DashboardPage } from './pages/Dashboard';
import { EditLessonPage, NewLessonPage } from './pages/LessonForm';
import { LessonPage } from './pages/LessonPage';
import { SettingsPage } from './pages/Settings';
import { startEarlyJoin } from './room/session/earlyJoin';
import './styles.css';

// Pages with heavy dependencies (players, tus, WebRTC) load when first opened.
const LibraryPage = lazy(() => import('./pages/Library').then((m) => ({ default: m.LibraryPage })));
const AdminPage = lazy(() => import('./pages/Admin').then((m) => ({ default: m.AdminPage })));
const ResetPasswordPage = lazy(() => import('./pages/ResetPasswordPage').then((m) => ({ default: m.ResetPasswordPage })));
const VerifyEmailPage = lazy(() => import('./pages/VerifyEmailPage').then((m) => ({ default: m.VerifyEmailPage })));
const loadRoomPage = () => import('./room/RoomPage');
const RoomPage = lazy(() => loadRoomPage().then((m) => ({ default: m.RoomPage })));

// Opened at /r/<code>: the room page's code, the camera and the room's ticket start now, beside the session restore.
startEarlyJoin(location.pathname, location.search, loadRoomPage);

function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Suspense fallback={<div className="page"><Spinner /></div>}>
          <Routes>
            <Route path="/" element={<LandingPage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/signup" element={<SignupPage />} />
            <Route path="/invite/:token" element={<InvitePage />} />
            <Route path="/reset-password" element={<ResetPasswordPage />} />
            <Route path="/verify-email" element={<VerifyEmailPage />} />
            <Route path="/r/:code" element={<RequireAuth><RoomPage /></RequireAuth>} />
            <Route element={<RequireAuth><Layout /></RequireAuth>}>
              <Route path="/dashboard" element={<DashboardPage />} />
              <Route path="/lessons/new" element={<NewLessonPage />} />
              <Route path="/lessons/:id" element={<LessonPage />} />
              <Route path="/lessons/:id/edit" element={<EditLessonPage />} />
              <Route path="/library" element={<LibraryPage />} />
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="/admin" element={<AdminPage />} />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </SessionProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
