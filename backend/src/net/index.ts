export { ADDRESS_CLASSES, type AddressClass, classifyAddress } from './address-class';
export { failureReason, NetFailure } from './failure';
export { allowListEntryProblem, canonicalHost, HostPolicy, INTERNAL_ADDRESS_CLASSES, type ResolvedHost } from './host-policy';
export { addressBytes } from './ip-address';
