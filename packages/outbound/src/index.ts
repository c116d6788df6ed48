export { classifyAddress, type AddressVerdict } from './address-class';
export { createAllowedHosts, parseAllowedHosts, type AllowedHosts } from './allowed-hosts';
export {
  createOutboundClient,
  type OutboundClient,
  type OutboundClientOptions,
  type OutboundRequestInit,
} from './outbound-client';
export { OutboundError, type OutboundErrorCode } from './outbound-error';
export type { OutboundPolicy, ResolveHost } from './policy';
export { checkOutboundUrl, checkOutboundUrlSyntax, type UrlCheck } from './url-check';
