/**
 * The state behind a carrier page's "your numbers" list, the same for every carrier: the account's
 * numbers, which one the import question is open for, the import in flight, the number just
 * imported and the last error.
 */
import { useState } from 'react';
import { api } from './api';
import { useResource } from './hooks';
import type { PhoneNumber } from './types';

export function useCarrierNumbers<T extends { sid: string }>(carrier: string) {
  const list = useResource((signal) => api.get<{ data: T[] }>(`/api/v1/carriers/${carrier}/numbers`, { signal }), [carrier]);
  const [importing, setImporting] = useState<string | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const [imported, setImported] = useState<PhoneNumber | null>(null);
  const [error, setError] = useState<unknown>(null);

  /** Imports with the answers to the import question (`sid` plus where its calls go). */
  const importNumber = async (body: Record<string, unknown>) => {
    setImporting(String(body.sid));
    setError(null);
    try {
      const number = await api.post<PhoneNumber>(`/api/v1/carriers/${carrier}/numbers/import`, body);
      setImported(number);
      setAsking(null);
      await list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setImporting(null);
    }
  };

  const askingFor = list.data?.data.find((n) => n.sid === asking);
  return { list, importing, asking, setAsking, askingFor, imported, error, importNumber };
}
