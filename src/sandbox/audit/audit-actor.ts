import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../router.js';

/**
 * Who made a change, as an audit record names them. Partner Center records the signed-in user
 * (`userPrincipalName`) and the application (`applicationId`); the sandbox has no directory, so
 * it derives both from the request (docs/sandbox.md "Audit records").
 */
export interface AuditActor {
  readonly userPrincipalName?: string;
  readonly applicationId?: string;
  /** The request's `MS-CorrelationId`, recorded as `originalCorrelationId` (SDK model). */
  readonly correlationId?: string;
}

/** The user an App+User sandbox token stands for. App-only calls name no user. */
export const SANDBOX_API_USER = 'agent@qm-sandbox.onmicrosoft.com';

/** Changes made through the admin API, recorded as if a partner admin made them in the portal. */
export const PORTAL_ACTOR: AuditActor = { userPrincipalName: 'admin@portal' };

/**
 * The actor of an API request: the App+User token's user, the application named by the
 * `MS-PartnerCenter-Application` header (the application name the headers page documents), and
 * the `MS-CorrelationId` sent.
 */
export function apiActor(request: {
  readonly headers: IncomingHttpHeaders;
  readonly principal: Principal;
}): AuditActor {
  const application = headerText(request.headers['ms-partnercenter-application']);
  const correlationId = headerText(request.headers['ms-correlationid']);
  return {
    ...(request.principal === 'app-user' ? { userPrincipalName: SANDBOX_API_USER } : {}),
    ...(application === undefined ? {} : { applicationId: application }),
    ...(correlationId === undefined ? {} : { correlationId }),
  };
}

function headerText(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}
