import { initial } from './0001_initial.js';
import { routingRulesTemplates } from './0002_routing_rules_templates.js';
import { channels } from './0003_channels.js';
import { statsIndexes } from './0004_stats_indexes.js';
import { channelOutbound } from './0005_channel_outbound.js';
import { agentStatuses } from './0006_agent_statuses.js';
import { customerCards } from './0007_customer_cards.js';
import { statsContacts } from './0008_stats_contacts.js';
import { callQueue } from './0009_call_queue.js';
import { accounts } from './0010_accounts.js';
import { statsAgent } from './0011_stats_agent.js';
import { customerDesk } from './0012_customer_desk.js';
import { customerSearch } from './0013_customer_search.js';
import { identification } from './0014_identification.js';
import { topics } from './0015_topics.js';
import { knowledge } from './0016_knowledge.js';
import { register } from './0017_register.js';
import { activities } from './0018_activities.js';
import { recording } from './0019_recording.js';
import { monitoring } from './0020_monitoring.js';
import { callQuality } from './0021_call_quality.js';
import { csat } from './0022_csat.js';
import { qa } from './0023_qa.js';
import { recordingApp } from './0024_recording_app.js';
import { cluster } from './0025_cluster.js';
import { agentSockets } from './0026_agent_sockets.js';
import { signInBackoff } from './0027_sign_in_backoff.js';
import type { Migration } from './migration.js';

/** Every migration in version order; append new ones, never reorder. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  routingRulesTemplates,
  channels,
  statsIndexes,
  channelOutbound,
  agentStatuses,
  customerCards,
  statsContacts,
  callQueue,
  accounts,
  statsAgent,
  customerDesk,
  customerSearch,
  identification,
  topics,
  knowledge,
  register,
  activities,
  recording,
  monitoring,
  callQuality,
  csat,
  qa,
  recordingApp,
  cluster,
  agentSockets,
  signInBackoff,
];
