export { allowListEntryProblem, HOST_NAME } from './allow-list';
export { checkedFetch, FetchTimeoutError } from './checked-fetch';
export { failureReason, NetFailure } from './failure';
export { HostPolicy } from './host-policy';
export { LOCAL_SERVICE_REFUSALS, MONITORED_HOSTS, NOTIFIER_HOSTS, REPLICA_HOSTS } from './policies';
