/**
 * Server state of the message templates page: the list, save and reset of one template in one
 * language, and the live preview of the text being edited (asked again as the text changes, the
 * previous answer kept on screen meanwhile).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../web/api/client.ts';
import { queryParams } from '../../../web/api/query-params.ts';
import type {
  MessageTemplate,
  MessageTemplateInput,
  MessageTemplatePreview,
  MessageTemplatePreviewInput,
} from '../message-templates.api.ts';

const PATH = '/api/message-templates';
export const templateKeys = {
  all: ['message-templates'] as const,
  preview: (input: MessageTemplatePreviewInput) => ['message-templates', 'preview', input] as const,
};

export function useMessageTemplates() {
  return useQuery({
    queryKey: templateKeys.all,
    queryFn: ({ signal }) => api.get<{ items: MessageTemplate[] }>(PATH, signal),
  });
}

/** Puts a saved or reset template into the cached list. */
function useReplaceInList() {
  const queryClient = useQueryClient();
  return (saved: MessageTemplate) =>
    queryClient.setQueryData<{ items: MessageTemplate[] }>(templateKeys.all, (list) =>
      list
        ? { items: list.items.map((e) => (e.kind === saved.kind && e.key === saved.key ? saved : e)) }
        : list,
    );
}

export function useSaveMessageTemplate() {
  const replace = useReplaceInList();
  return useMutation({
    mutationFn: (body: MessageTemplateInput) => api.put<MessageTemplate>(PATH, body),
    onSuccess: replace,
    meta: { handlesErrors: true },
  });
}

export function useResetMessageTemplate() {
  const replace = useReplaceInList();
  return useMutation({
    mutationFn: (ref: Pick<MessageTemplateInput, 'kind' | 'key' | 'locale'>) =>
      api.delete<MessageTemplate>(`${PATH}?${queryParams(ref)}`),
    onSuccess: replace,
    meta: { handlesErrors: true },
  });
}

/** The preview of `input` (null: nothing to show yet); a refused text answers its field errors. */
export function useTemplatePreview(input: MessageTemplatePreviewInput | null) {
  return useQuery({
    queryKey: input ? templateKeys.preview(input) : [...templateKeys.all, 'preview', 'none'],
    queryFn: () => api.post<MessageTemplatePreview>(`${PATH}/preview`, input),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });
}
