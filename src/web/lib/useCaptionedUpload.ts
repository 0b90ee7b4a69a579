// A file with an optional caption, sent as multipart/form-data to `url` (a press item's attachments, a library
// product's files): the chosen file and caption, the upload, and a key that empties the file input once it is done.
import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { post } from './api';

export function useCaptionedUpload<T>(url: string, queryKey: readonly unknown[]) {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const resetKey = useRef(0);
  /** Re-reads what the upload (or a removal) changed. */
  const refresh = () => qc.invalidateQueries({ queryKey });
  const upload = useMutation({
    mutationFn: () => {
      const fd = new FormData();
      if (caption.trim()) fd.append('caption', caption.trim());
      fd.append('file', file!);
      return post<T>(url, fd);
    },
    onSuccess: async () => {
      setFile(null);
      setCaption('');
      resetKey.current++;
      await refresh();
    },
  });
  return { file, setFile, caption, setCaption, resetKey, upload, refresh };
}
