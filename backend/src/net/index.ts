export { allowListEntryProblem, HOST_NAME } from './allow-list';
export { failureReason, NetFailure } from './failure';
export { HostPolicy } from './host-policy';
export { MONITORED_HOSTS, NOTIFIER_HOSTS } from './policies';
