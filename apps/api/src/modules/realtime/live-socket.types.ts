import type { Namespace, Socket } from 'socket.io';
import type { ClientToServerEvents, Role, ServerToClientEvents } from '@mekong-ioc/shared';

/** What the handshake authentication leaves on a socket. */
export interface LiveSocketData {
  userId: string;
  username: string;
  role: Role;
  agencyId: string | null;
}

// Instances talk through the Socket.IO adapter only by broadcasting; no server-to-server events.
type NoInterServerEvents = Record<string, never>;

export type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, NoInterServerEvents, LiveSocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, NoInterServerEvents, LiveSocketData>;
