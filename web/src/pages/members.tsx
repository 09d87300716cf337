import { useState } from 'preact/hooks';
import { z } from 'zod';
import { userSchema } from '../../../shared/domain/entities';
import { ROLES, type Role } from '../../../shared/domain/tenancy';
import { ConfirmDialog } from '../components/confirm-dialog';
import { type Column, DataTable } from '../components/data-table';
import { FormStatus } from '../components/form-status';
import { Async, describeError } from '../components/states';
import { useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { humanize } from '../labels';

const member = userSchema;
type Member = z.infer<typeof member>;
const memberList = z.object({ members: z.array(member) });
const invited = z.object({ member, signInLink: z.string().optional() });
const invitation = z.object({
  id: z.string(),
  email: z.string(),
  role: z.string(),
  brandIds: z.array(z.string()).optional(),
  expiresAt: z.string(),
});
type Invitation = z.infer<typeof invitation>;
const invitationList = z.object({ invitations: z.array(invitation) });
const invitationCreated = z.object({ invitation, emailed: z.boolean(), acceptUrl: z.string().optional() });

const ROLE_HELP: Record<Role, string> = {
  owner: 'everything, billing included',
  admin: 'brands, connections, members and keys',
  analyst: 'reports, questions, recommendations',
  viewer: 'reports only',
};

/** Who can sign in to this workspace: invite by email, change roles and brands, remove. */
export function MembersPage() {
  useTitle('Members');
  const { api, can, brands, session } = useServices();
  const members = useResource('members', () => api.get('/api/members', memberList));
  const invitations = useResource('invitations', () => api.get('/api/invitations', invitationList));
  const [removing, setRemoving] = useState<Member>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const brandName = (id: string) => brands.find((b) => b.id === id)?.name ?? id;
  if (!can('members:manage'))
    return (
      <section class="page">
        <h1>Members</h1>
        <p class="muted">Only owners and admins manage members.</p>
      </section>
    );

  async function act(fn: () => Promise<unknown>) {
    setBusy(true);
    setFailure(undefined);
    try {
      await fn();
      members.reload();
    } catch (err) {
      setFailure(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  const path = (m: Member) => `/api/members/${encodeURIComponent(m.uid)}`;
  // A tenant keeps at least one owner (the API refuses otherwise): its last one is not offered
  // a removal or another role that could only fail.
  const owners =
    members.status === 'ready' ? members.data.members.filter((m) => m.role === 'owner').length : 0;
  const lastOwner = (m: Member) => m.role === 'owner' && owners <= 1;
  const columns: Column<Member>[] = [
    {
      label: 'Member',
      cell: (m) => (
        <>
          {m.email ?? 'Signed in with a token'}
          {m.uid === session.identity.uid ? <span class="muted small"> (you)</span> : null}
        </>
      ),
    },
    {
      label: 'Role',
      cell: (m) => (
        <select
          aria-label={`Role of ${m.email ?? 'this member'}`}
          value={m.role}
          disabled={busy || lastOwner(m)}
          onChange={(e) => {
            const role = e.currentTarget.value;
            void act(() => api.patch(path(m), { role }, member));
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {humanize(r)}
            </option>
          ))}
        </select>
      ),
    },
    {
      label: 'Brands',
      cell: (m) => (m.brandIds ? m.brandIds.map(brandName).join(', ') : 'All brands'),
    },
    {
      label: '',
      cell: (m) =>
        lastOwner(m) ? (
          <span class="muted small">The only owner</span>
        ) : (
          <button type="button" class="secondary" disabled={busy} onClick={() => setRemoving(m)}>
            Remove
          </button>
        ),
    },
  ];

  const invitationColumns: Column<Invitation>[] = [
    {
      label: 'Invited',
      cell: (i) => (
        <>
          {i.email}
          <span class="muted small">
            {' '}
            {humanize(i.role)} · {i.brandIds ? i.brandIds.map(brandName).join(', ') : 'all brands'} · until{' '}
            {i.expiresAt.slice(0, 10)}
          </span>
        </>
      ),
    },
    {
      label: '',
      cell: (i) => (
        <button
          type="button"
          class="secondary"
          disabled={busy}
          aria-label={`Revoke the invitation of ${i.email}`}
          onClick={() =>
            void act(async () => {
              await api.delete(`/api/invitations/${encodeURIComponent(i.id)}`, z.unknown());
              invitations.reload();
            })
          }
        >
          Revoke
        </button>
      ),
    },
  ];

  return (
    <section class="page">
      <h1>Members</h1>
      <FormStatus error={failure} />
      <Async resource={members} label="Loading members…">
        {({ members: list }) => (
          <article class="card">
            <h2>People who can sign in</h2>
            <DataTable caption="Members" columns={columns} rows={list} rowKey={(m) => m.uid} />
          </article>
        )}
      </Async>
      <Async resource={invitations} label="Loading invitations…">
        {({ invitations: pending }) =>
          pending.length ? (
            <article class="card">
              <h2>Invitations not yet accepted</h2>
              <DataTable
                caption="Pending invitations"
                columns={invitationColumns}
                rows={pending}
                rowKey={(i) => i.id}
              />
            </article>
          ) : null
        }
      </Async>
      <InviteForm
        onInvited={() => {
          members.reload();
          invitations.reload();
        }}
      />
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing.email ?? 'this member'}?`}
          confirmLabel="Remove"
          busy={busy}
          onCancel={() => setRemoving(undefined)}
          onConfirm={() =>
            void act(async () => {
              await api.delete(path(removing), z.unknown());
              setRemoving(undefined);
            })
          }
        >
          <p>They are signed out everywhere and can no longer open this workspace.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function InviteForm(props: { onInvited: () => void }) {
  const { api, brands } = useServices();
  const [role, setRole] = useState<Role>('analyst');
  const [limited, setLimited] = useState(false);
  const [status, setStatus] = useState<
    | 'idle'
    | 'sending'
    | { link?: string; email: string }
    | { invited: string; acceptUrl?: string }
    | { error: string }
  >('idle');

  /** "Email invitation": they join when they accept the link; "Add now": a member at once. */
  async function invite(form: HTMLFormElement, mode: 'email' | 'now') {
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const brandIds = limited ? data.getAll('brandIds').map(String) : undefined;
    if (brandIds?.length === 0)
      return setStatus({ error: 'Choose at least one brand, or allow all brands.' });
    setStatus('sending');
    const body = { email, role, ...(brandIds ? { brandIds } : {}) };
    try {
      if (mode === 'email') {
        const res = await api.post('/api/invitations', body, invitationCreated);
        setStatus({ invited: res.invitation.email, ...(res.acceptUrl ? { acceptUrl: res.acceptUrl } : {}) });
        form.reset();
        setLimited(false);
        setLimited(false);
        return props.onInvited();
      }
      const res = await api.post('/api/members', body, invited);
      setStatus({ email: res.member.email ?? email, ...(res.signInLink ? { link: res.signInLink } : {}) });
      form.reset();
      setLimited(false);
      props.onInvited();
    } catch (err) {
      setStatus({ error: describeError(err) });
    }
  }

  return (
    <form
      class="card settings"
      onSubmit={(e) => {
        e.preventDefault();
        const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
        void invite(e.currentTarget, submitter?.value === 'now' ? 'now' : 'email');
      }}
    >
      <h2>Invite someone</h2>
      <div class="field">
        <label for="invite-email">Email</label>
        <input id="invite-email" name="email" type="email" required autoComplete="off" />
      </div>
      <div class="field">
        <label for="invite-role">Role</label>
        <select id="invite-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {humanize(r)}
            </option>
          ))}
        </select>
        <span class="muted small">Can see and do: {ROLE_HELP[role]}</span>
      </div>
      <fieldset>
        <legend>Brands</legend>
        <label>
          <input type="checkbox" checked={limited} onChange={(e) => setLimited(e.currentTarget.checked)} />{' '}
          Only some brands (an agency client)
        </label>
        {limited
          ? brands.map((b) => (
              <label key={b.id}>
                <input type="checkbox" name="brandIds" value={b.id} /> {b.name}
              </label>
            ))
          : null}
      </fieldset>
      <div class="actions">
        <button type="submit" name="mode" value="email" disabled={status === 'sending'}>
          {status === 'sending' ? 'Inviting…' : 'Email invitation'}
        </button>
        <button type="submit" name="mode" value="now" class="secondary" disabled={status === 'sending'}>
          Add now
        </button>
      </div>
      <FormStatus error={typeof status === 'object' && 'error' in status && status.error} />
      {typeof status === 'object' && 'invited' in status ? (
        <FormStatus
          done={
            status.acceptUrl ? (
              <>
                Invitation for {status.invited} created; this server sends no email, so send them this link
                (it works once, for 7 days): <code class="break">{status.acceptUrl}</code>
              </>
            ) : (
              <>Invitation emailed to {status.invited}; they join when they accept it (within 7 days).</>
            )
          }
        />
      ) : null}
      {typeof status === 'object' && 'email' in status ? (
        <FormStatus
          done={
            <>
              {status.email} can now sign in.
              {status.link ? (
                <>
                  {' '}
                  Send them this link to set their password: <code class="break">{status.link}</code>
                </>
              ) : null}
            </>
          }
        />
      ) : null}
    </form>
  );
}
