// The body of a press item, written in a rich-text editor (tiptap through Mantine's RichTextEditor) that offers
// only what the server's sanitiser keeps (src/server/kernel/html.ts): bold, italic, headings 2–3, lists, links
// (http, https, mailto; no "open in a new tab", which the sanitiser drops) and blockquote, with undo/redo.
// Underline and h4 stay in the schema so an existing body keeps them; tables (which the sanitiser allows but the
// editor cannot edit) are announced, and the body is only rewritten once the user edits it.
import { useId, useMemo } from 'react';
import { Alert, Input } from '@mantine/core';
import { RichTextEditor, type RichTextEditorLabels } from '@mantine/tiptap';
import { useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Link from '@tiptap/extension-link';
import { useTranslation } from 'react-i18next';
import '@mantine/tiptap/styles.css';

/** A link target the sanitiser keeps: http(s) or mailto; a bare address gets https:// (an e-mail address mailto:). */
export function linkHref(raw: string): string | null {
  const url = raw.trim();
  if (url === '') return null;
  if (/^(https?:\/\/|mailto:)/i.test(url)) return url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(url)) return `mailto:${url}`;
  return `https://${url.replace(/^\/+/, '')}`;
}

const SafeLink = Link.extend({
  addCommands() {
    const parent = this.parent!();
    const setLink = parent.setLink!;
    const toggleLink = parent.toggleLink!;
    return {
      ...parent,
      setLink: (attributes) => {
        const href = linkHref(attributes.href);
        return href ? setLink({ ...attributes, href, target: null }) : () => false;
      },
      toggleLink: (attributes) => {
        if (!attributes) return toggleLink(attributes);
        const href = linkHref(attributes.href);
        return href ? toggleLink({ ...attributes, href, target: null }) : () => false;
      },
    };
  },
}).configure({
  openOnClick: false,
  autolink: true,
  linkOnPaste: true,
  defaultProtocol: 'https',
  HTMLAttributes: { target: null, rel: null },
  isAllowedUri: (url) => /^(https?:|mailto:)/i.test(url.trim()),
});

const EXTENSIONS = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    code: false,
    codeBlock: false,
    strike: false,
    horizontalRule: false,
    link: false,
  }),
  SafeLink,
];

/** Markup the editor cannot keep (tables): editing such a body drops it, so the form says so. */
export const hasUneditableMarkup = (html: string) => /<(table|caption|thead|tbody|tfoot|tr|th|td)[\s>]/i.test(html);

interface Props {
  label: string;
  /** The stored body (sanitised HTML); read once, when the editor opens. */
  initialHtml: string;
  onChange(html: string): void;
  error?: string;
  testId?: string;
}

export function PressBodyEditor({ label, initialHtml, onChange, error, testId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const labelId = `${id}-label`;
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const describedBy = [descriptionId, error ? errorId : null].filter(Boolean).join(' ');
  // Options are compared on every render (no deps: the editor is never re-created, so edits are not lost); the
  // view's attributes change only when the error does.
  const editorProps = useMemo(
    () => ({
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        'aria-describedby': describedBy,
        ...(error ? { 'aria-invalid': 'true' } : {}),
        ...(testId ? { 'data-testid': testId } : {}),
      },
    }),
    [labelId, describedBy, error, testId],
  );
  const editor = useEditor({
    extensions: EXTENSIONS,
    content: initialHtml,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps,
    onUpdate: ({ editor: e }) => onChange(e.isEmpty ? '' : e.getHTML()),
  });
  const labels = useMemo<Partial<RichTextEditorLabels>>(
    () => ({
      boldControlLabel: t('press.editor.bold'),
      italicControlLabel: t('press.editor.italic'),
      h2ControlLabel: t('press.editor.h2'),
      h3ControlLabel: t('press.editor.h3'),
      bulletListControlLabel: t('press.editor.bulletList'),
      orderedListControlLabel: t('press.editor.orderedList'),
      linkControlLabel: t('press.editor.link'),
      unlinkControlLabel: t('press.editor.unlink'),
      blockquoteControlLabel: t('press.editor.blockquote'),
      clearFormattingControlLabel: t('press.editor.clearFormatting'),
      undoControlLabel: t('press.editor.undo'),
      redoControlLabel: t('press.editor.redo'),
      linkEditorInputLabel: t('press.editor.linkUrl'),
      linkEditorInputPlaceholder: 'https://…',
      linkEditorSave: t('press.editor.linkSave'),
      linkEditorExternalLink: t('press.editor.link'),
      linkEditorInternalLink: t('press.editor.link'),
    }),
    [t],
  );
  const uneditable = useMemo(() => hasUneditableMarkup(initialHtml), [initialHtml]);

  return (
    <Input.Wrapper
      label={label}
      labelElement="div"
      labelProps={{ id: labelId, onClick: () => editor?.commands.focus() }}
      description={t('press.editor.note')}
      descriptionProps={{ id: descriptionId }}
      error={error}
      errorProps={{ id: errorId }}
    >
      {uneditable && (
        <Alert color="yellow" my={4} p="xs" data-testid="press-body-uneditable">
          {t('press.editor.uneditable')}
        </Alert>
      )}
      <RichTextEditor
        editor={editor}
        labels={labels}
        mt={4}
        // The link editor's "open in a new tab" toggle sets target, which the sanitiser drops: not offered.
        styles={{ linkEditorExternalControl: { display: 'none' } }}
        data-testid={testId ? `${testId}-root` : undefined}
      >
        <RichTextEditor.Toolbar role="toolbar" aria-label={t('press.editor.toolbar')}>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Bold />
            <RichTextEditor.Italic />
            <RichTextEditor.ClearFormatting />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.H2 />
            <RichTextEditor.H3 />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.BulletList />
            <RichTextEditor.OrderedList />
            <RichTextEditor.Blockquote />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Link />
            <RichTextEditor.Unlink />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Undo />
            <RichTextEditor.Redo />
          </RichTextEditor.ControlsGroup>
        </RichTextEditor.Toolbar>
        <RichTextEditor.Content />
      </RichTextEditor>
    </Input.Wrapper>
  );
}
