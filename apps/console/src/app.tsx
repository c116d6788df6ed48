import { useEffect, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from './gql';
import { canAdminister, canAudit, MeContext, type Me } from './me';
import { AcceptInvitationPage } from './pages/accept-invitation';
import { AuditPage } from './pages/audit';
import { CatalogItemPage } from './pages/catalog-item';
import { CatalogPage } from './pages/catalog';
import { CompliancePage } from './pages/compliance';
import { DeploymentPage } from './pages/deployment';
import { DesignPage } from './pages/design';
import { EnvironmentsPage } from './pages/environments';
import { OrganizationPage } from './pages/organization';
import { NewOrganizationPage } from './pages/new-organization';
import { PoliciesPage } from './pages/policies';
import { ReviewQueuePage } from './pages/review-queue';
import { SignInPage } from './pages/sign-in';
import { WorkspacePage } from './pages/workspace';
import { WorkspacesPage } from './pages/workspaces';
import { Link, matchPath, navigate, useLocation } from './router';
import { useSession } from './session';
import { Button, ErrorMessage, Loading } from './ui';

export const MeQueryDocument = graphql(`
  query Me {
    me {
      user {
        id
        displayName
        email
      }
      organizations {
        role
        organization {
          id
          name
          slug
        }
      }
    }
  }
`);

type Route = { pattern: string; render(params: Record<string, string>): ReactNode };

const ROUTES: Route[] = [
  { pattern: '/orgs/new', render: () => <NewOrganizationPage /> },
  { pattern: '/orgs/:orgId', render: (p) => <OrganizationPage organizationId={p.orgId ?? ''} /> },
  { pattern: '/orgs/:orgId/workspaces', render: (p) => <WorkspacesPage organizationId={p.orgId ?? ''} /> },
  {
    pattern: '/orgs/:orgId/environments',
    render: (p) => <EnvironmentsPage organizationId={p.orgId ?? ''} />,
  },
  { pattern: '/orgs/:orgId/review', render: (p) => <ReviewQueuePage organizationId={p.orgId ?? ''} /> },
  { pattern: '/orgs/:orgId/policies', render: (p) => <PoliciesPage organizationId={p.orgId ?? ''} /> },
  { pattern: '/workspaces/:id', render: (p) => <WorkspacePage workspaceId={p.id ?? ''} /> },
  { pattern: '/designs/:id', render: (p) => <DesignPage designId={p.id ?? ''} /> },
  { pattern: '/deployments/:id', render: (p) => <DeploymentPage deploymentId={p.id ?? ''} /> },
  { pattern: '/catalog', render: () => <CatalogPage /> },
  { pattern: '/catalog/:id', render: (p) => <CatalogItemPage itemId={p.id ?? ''} /> },
  { pattern: '/compliance', render: () => <CompliancePage /> },
  { pattern: '/audit', render: () => <AuditPage /> },
  { pattern: '/invitations/accept', render: () => <AcceptInvitationPage /> },
];

export function App() {
  const session = useSession();
  const { path } = useLocation();
  const [{ data, fetching, error }, refreshMe] = useQuery({
    query: MeQueryDocument,
    pause: session.token === null,
  });
  const me = session.token === null ? null : data?.me;

  if (session.token === null || (!fetching && data !== undefined && me === null)) {
    return <SignInPage />;
  }
  if (me === undefined || me === null) {
    return (
      <main className="centered">
        {error ? <ErrorMessage error={error} /> : <Loading what="your account" />}
      </main>
    );
  }
  return (
    <MeContext.Provider value={{ me, refreshMe: () => refreshMe({ requestPolicy: 'network-only' }) }}>
      <Shell me={me} path={path} />
    </MeContext.Provider>
  );
}

/** The organization the page is about: from the path, else the remembered one, else the first. */
function currentOrganizationId(me: Me, path: string, remembered: string | null): string | null {
  const fromPath = /^\/orgs\/([^/]+)/.exec(path)?.[1];
  const ids = me.organizations.map((membership) => membership.organization.id);
  if (fromPath !== undefined && fromPath !== 'new') return fromPath;
  if (remembered !== null && ids.includes(remembered)) return remembered;
  return ids[0] ?? null;
}

const LogOutMutation = graphql(`
  mutation LogOut {
    logOut
  }
`);

function Shell({ me, path }: { me: Me; path: string }) {
  const session = useSession();
  const [, logOut] = useMutation(LogOutMutation);
  const organizationId = currentOrganizationId(me, path, session.lastOrganizationId);
  const role = me.organizations.find((m) => m.organization.id === organizationId)?.role ?? null;
  const auditor = me.organizations.some((m) => canAudit(m.role));

  useEffect(() => {
    if (organizationId !== null && me.organizations.some((m) => m.organization.id === organizationId)) {
      session.rememberOrganization(organizationId);
    }
  }, [organizationId, me.organizations, session]);
  useEffect(() => {
    if (path === '/' || path === '/signin' || path === '/signup') {
      navigate(organizationId === null ? '/orgs/new' : `/orgs/${organizationId}/workspaces`, {
        replace: true,
      });
    }
  }, [path, organizationId]);

  const route = ROUTES.map((candidate) => ({ candidate, params: matchPath(candidate.pattern, path) })).find(
    (match) => match.params !== null,
  );
  const nav: Array<{ to: string; label: string; show: boolean }> = organizationId
    ? [
        { to: `/orgs/${organizationId}/workspaces`, label: 'Workspaces', show: true },
        { to: `/orgs/${organizationId}`, label: 'Organization', show: true },
        { to: `/orgs/${organizationId}/environments`, label: 'Environments', show: true },
        { to: '/catalog', label: 'Catalog', show: true },
        { to: `/orgs/${organizationId}/review`, label: 'Review queue', show: canAdminister(role) },
        { to: `/orgs/${organizationId}/policies`, label: 'Policies', show: true },
        { to: '/compliance', label: 'Compliance', show: auditor },
        { to: '/audit', label: 'Audit', show: auditor },
      ]
    : [{ to: '/catalog', label: 'Catalog', show: true }];

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          Control plane
        </Link>
        <label className="switcher">
          <span className="visually-hidden">Organization</span>
          <select
            aria-label="Organization"
            value={organizationId ?? ''}
            onChange={(event) => {
              const next = event.target.value;
              navigate(next === 'new' ? '/orgs/new' : `/orgs/${next}/workspaces`);
            }}
          >
            {organizationId === null ? <option value="">No organization yet</option> : null}
            {me.organizations.map((membership) => (
              <option key={membership.organization.id} value={membership.organization.id}>
                {membership.organization.name} ({membership.role})
              </option>
            ))}
            <option value="new">+ New organization…</option>
          </select>
        </label>
        <span className="user" title={me.user.email ?? undefined}>
          {me.user.displayName}
        </span>
        <Button
          variant="secondary"
          // The server ends the session, so a copied token stops working too; the console forgets
          // it whatever the answer (an already ended session is still signed out).
          onClick={() => {
            void logOut({}).finally(() => {
              session.forget();
              navigate('/signin');
            });
          }}
        >
          Sign out
        </Button>
      </header>
      <nav className="nav" aria-label="Main">
        {nav
          .filter((item) => item.show)
          .map((item) => (
            <Link key={item.to} to={item.to} aria-current={path === item.to ? 'page' : undefined}>
              {item.label}
            </Link>
          ))}
      </nav>
      <main id="main" className="main">
        {route ? (
          route.candidate.render(route.params ?? {})
        ) : path === '/' ? (
          <Loading what="the page" />
        ) : (
          <h1>Page not found</h1>
        )}
      </main>
    </>
  );
}
