import { useTranslation } from 'react-i18next';
import { AdminArea } from '../features/admin/AdminArea.js';
import { AdminButton } from '../features/admin/AdminButton.js';
import { MyTemplates } from '../features/admin/personal/MyTemplates.js';
import { AgentStatusControl } from '../features/agentStatus/AgentStatusControl.js';
import { ConnectionBadge } from '../features/connection/ConnectionBadge.js';
import { SyncNotices } from '../features/connection/SyncNotices.js';
import { Conversation } from '../features/conversation/Conversation.js';
import { CustomerNotices } from '../features/customer/CustomerNotices.js';
import { CustomerPanel } from '../features/customer/CustomerPanel.js';
import { CustomerSearchButton } from '../features/customerSearch/CustomerSearchButton.js';
import { Inbox } from '../features/inbox/Inbox.js';
import { selectAgent, selectPhase, selectSignedIn, selectStartError } from '../features/session/sessionSlice.js';
import { SignInScreen } from '../features/session/SignInScreen.js';
import { SignOutButton } from '../features/session/SignOutButton.js';
import { SettingsButton } from '../features/settings/SettingsButton.js';
import { SettingsDialog } from '../features/settings/SettingsDialog.js';
import { Softphone } from '../features/softphone/Softphone.js';
import { StatsArea } from '../features/stats/StatsArea.js';
import { KnowledgeButton } from '../features/knowledge/KnowledgeButton.js';
import { KnowledgePanel } from '../features/knowledge/KnowledgePanel.js';
import { RegisterButton } from '../features/register/RegisterButton.js';
import { RecordingAlert } from '../features/recording/RecordingAlert.js';
import { MyScores } from '../features/qa/MyScores.js';
import { ErrorMessage } from '../ui/ErrorMessage.js';
import { bootstrap } from './bootstrap.js';
import { useAppDispatch, useAppSelector } from './hooks.js';
import { LanguageSync } from './LanguageSync.js';

export function App() {
  const phase = useAppSelector(selectPhase);
  const signedIn = useAppSelector(selectSignedIn);
  return (
    <>
      <LanguageSync />
      {phase === 'starting' ? <Splash /> : signedIn ? <Workspace /> : <SignInScreen />}
      <SettingsDialog />
    </>
  );
}

function Splash() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const error = useAppSelector(selectStartError);
  return (
    <main className="splash">
      <p className="brand large">{t('app.name')}</p>
      <p role="status">{error ? t('app.startFailed') : t('app.starting')}</p>
      {error ? (
        <>
          <ErrorMessage error={error} />
          <button type="button" className="button primary" onClick={() => void dispatch(bootstrap())}>
            {t('app.retry')}
          </button>
        </>
      ) : null}
    </main>
  );
}

function Workspace() {
  const { t } = useTranslation();
  const agent = useAppSelector(selectAgent);
  return (
    <div className="workspace">
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <ConnectionBadge />
        <div className="topbar-end" role="group" aria-label={t('app.toolbar')}>
          <AgentStatusControl />
          {agent ? (
            <span className="agent-name" title={t('app.signedInAs', { name: agent.name })}>
              {agent.name}
            </span>
          ) : null}
          <CustomerSearchButton />
          <KnowledgeButton />
          <RegisterButton />
          <MyScores />
          <MyTemplates />
          <AdminButton />
          <SettingsButton />
          <SignOutButton />
        </div>
      </header>
      <SyncNotices />
      <RecordingAlert />
      <CustomerNotices />
      <StatsArea />
      <main className="panes">
        <Inbox />
        <div className="conversation-with-card">
          <Conversation />
          <KnowledgePanel />
          <CustomerPanel />
        </div>
        <Softphone />
      </main>
      <AdminArea />
    </div>
  );
}
