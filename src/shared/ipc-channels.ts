/** IPC channel names shared by main's registration and the preload bridge. */
export const IPC_CHANNEL_PREFIX = 'desk:'
export const IPC_EVENT_CHANNEL = 'desk-event'
