import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { DISPUTE_CATEGORIES, HAZARD_CATEGORIES } from '../../../../api/contract/enums.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { type Campaign, createCampaign, townshipChoicesQuery, updateCampaign } from './admin-api.ts';
import { type CampaignProblem, campaignPayload, EMPTY_CAMPAIGN, type CampaignForm as Form, formOf } from './campaign-form.ts';
import { campaignAdminText } from './campaign-messages.ts';
import { errorText } from './error-text.ts';

function Field({ label, hint, bad, children }: { label: string; hint?: string; bad?: boolean; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: every caller passes the field's control as children, so the label wraps it
    <label className={`admin-field${bad ? ' bad' : ''}`}>
      <span>{label}</span>
      {children}
      {hint && <small>{hint}</small>}
    </label>
  );
}

function Checks({
  legend,
  values,
  chosen,
  onChange,
  bad,
  testId,
  hint,
}: {
  legend: string;
  values: readonly { value: string; label: string }[];
  chosen: string[];
  onChange: (v: string[]) => void;
  bad?: boolean;
  testId: string;
  hint?: string;
}) {
  return (
    <fieldset className={`admin-field admin-checks${bad ? ' bad' : ''}`} data-testid={testId}>
      <legend>{legend}</legend>
      <div>
        {values.map((v) => (
          <label key={v.value} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(v.value)}
              onChange={() => onChange(chosen.includes(v.value) ? chosen.filter((x) => x !== v.value) : [...chosen, v.value])}
            />
            <span>{v.label}</span>
          </label>
        ))}
      </div>
      {hint && <small>{hint}</small>}
    </fieldset>
  );
}

/**
 * 新建/修改专项行动. An edit sends only the fields changed (the code never changes: cases' tags name
 * it); the list and the audit log are refetched after a save.
 */
export function CampaignForm({ editing, onDone }: { editing: Campaign | null; onDone: (message: string) => void }) {
  const k = useLocalText(campaignAdminText);
  const { vocab } = useI18n();
  const client = useQueryClient();
  const townships = useQuery(townshipChoicesQuery());
  const [form, setForm] = useState<Form>(() => (editing ? formOf(editing) : EMPTY_CAMPAIGN));
  const [problems, setProblems] = useState<CampaignProblem[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (f: Form) => {
      const p = campaignPayload(f, editing ?? undefined);
      if (!p.ok) throw new Error('invalid');
      if (editing) return p.changed === 0 ? null : (await updateCampaign(editing.code, p.body)).campaign;
      return (await createCampaign(p.body as Parameters<typeof createCampaign>[0])).campaign;
    },
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ['admin'] });
      void client.invalidateQueries({ queryKey: ['campaigns'] });
      if (saved === null) setNote(k('nothingChanged'));
      else onDone(editing ? k('saved', { name: saved.name }) : k('createdOk', { name: saved.name }));
    },
  });
  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setNote(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = campaignPayload(form, editing ?? undefined);
    setProblems(p.ok ? [] : p.problems);
    if (p.ok) save.mutate(form);
  };
  const bad = (p: CampaignProblem) => problems.includes(p);
  const cats = (values: readonly string[]) => values.map((v) => ({ value: v, label: vocab(v) }));
  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="campaign-form">
      {!editing && (
        <Field label={k('code')} hint={k('codeRule')} bad={bad('code')}>
          <input value={form.code} autoComplete="off" onChange={(e) => set({ code: e.target.value.trim().toLowerCase() })} data-testid="campaign-code" />
        </Field>
      )}
      <Field label={k('name')} bad={bad('name')}>
        <input value={form.name} onChange={(e) => set({ name: e.target.value })} data-testid="campaign-name" />
      </Field>
      <div className="admin-row">
        <Field label={k('startDate')} bad={bad('startDate')}>
          <input type="date" value={form.startDate} onChange={(e) => set({ startDate: e.target.value })} data-testid="campaign-start" />
        </Field>
        <Field label={k('endDate')} bad={bad('endDate')}>
          <input type="date" value={form.endDate} min={form.startDate || undefined} onChange={(e) => set({ endDate: e.target.value })} data-testid="campaign-end" />
        </Field>
      </div>
      <Checks
        legend={k('disputeCategories')}
        values={cats(DISPUTE_CATEGORIES)}
        chosen={form.disputeCategories}
        onChange={(v) => set({ disputeCategories: v })}
        bad={bad('categories')}
        testId="campaign-dispute-categories"
      />
      <Checks
        legend={k('hazardCategories')}
        values={cats(HAZARD_CATEGORIES)}
        chosen={form.hazardCategories}
        onChange={(v) => set({ hazardCategories: v })}
        bad={bad('categories')}
        testId="campaign-hazard-categories"
        hint={bad('categories') ? k('categoriesRule') : undefined}
      />
      <Checks
        legend={k('townships')}
        values={(townships.data ?? []).map((t) => ({ value: t.code, label: t.name }))}
        chosen={form.townships}
        onChange={(v) => set({ townships: v })}
        testId="campaign-townships"
        hint={k('townshipsHint')}
      />
      <Field label={k('leadDepartment')}>
        <input value={form.leadDepartment} onChange={(e) => set({ leadDepartment: e.target.value })} data-testid="campaign-lead" />
      </Field>
      <Field label={k('description')}>
        <textarea rows={3} value={form.description} onChange={(e) => set({ description: e.target.value })} data-testid="campaign-description" />
      </Field>
      <label className="check">
        <input type="checkbox" checked={form.autoTag} onChange={(e) => set({ autoTag: e.target.checked })} data-testid="campaign-autotag" />
        <span>{k('autoTag')}</span>
      </label>
      {save.isError && (
        <p className="admin-error" role="alert">
          {k('errorSave', { detail: errorText(save.error) })}
        </p>
      )}
      {note && (
        <p className="admin-ok" role="status">
          {note}
        </p>
      )}
      <div className="admin-row">
        <button type="submit" className="btn primary" disabled={save.isPending} data-testid="campaign-submit">
          {save.isPending ? k('saving') : editing ? k('save') : k('create')}
        </button>
        {editing && (
          <button type="button" className="btn" onClick={() => onDone('')}>
            {k('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
