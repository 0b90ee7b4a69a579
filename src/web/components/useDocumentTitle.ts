import { useEffect } from 'react';

/** Sets the browser tab title for a page: "Organisations · RightsHub". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · RightsHub` : 'RightsHub';
  }, [title]);
}
