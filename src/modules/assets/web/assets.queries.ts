/**
 * Server state of the installed base for the console: the asset list (keyset pages), one asset and
 * its history, product models, and the writes (register, correct, models, xlsx import). Types come
 * from the zod contracts by type-only import, so zod stays out of the bundle.
 */
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, type ProblemDetails } from '../../../web/api/api-error.ts';
import { api } from '../../../web/api/client.ts';
import { queryParams } from '../../../web/api/query-params.ts';
import type { AssetState, ProductCategory } from '../asset-status.ts';
import type {
  ASSET_SORTS,
  assetBody,
  assetHistorySchema,
  assetListAbilities,
  assetPatch,
  assetSchema,
  importProblemSchema,
  importRejectionSchema,
  importSummarySchema,
  productModelBody,
  productModelListAbilities,
  productModelPatch,
  productModelSchema,
} from '../assets.api.ts';

export type Asset = z.infer<typeof assetSchema>;
export type AssetHistory = z.infer<typeof assetHistorySchema>;
export type AssetHistoryEntry = AssetHistory['items'][number];
export type AssetBody = z.input<typeof assetBody>;
export type AssetPatch = z.input<typeof assetPatch>;
export type ProductModel = z.infer<typeof productModelSchema>;
export type ProductModelBody = z.input<typeof productModelBody>;
export type ProductModelPatch = z.input<typeof productModelPatch>;
export type ImportSummary = z.infer<typeof importSummarySchema>;
export type ImportProblem = z.infer<typeof importProblemSchema>;
export type ImportRejection = z.infer<typeof importRejectionSchema>;
export type AssetSort = (typeof ASSET_SORTS)[number];

interface AssetPage {
  items: Asset[];
  nextCursor: string | null;
  abilities: z.infer<typeof assetListAbilities>;
}
interface ProductModelPage {
  items: ProductModel[];
  nextCursor: string | null;
  abilities: z.infer<typeof productModelListAbilities>;
}

/** The asset list's filters, as the URL and the API (`assetFilterQuery`) both spell them. */
export interface AssetFilter {
  q?: string;
  organisationId?: number;
  siteId?: number;
  vendor?: string;
  productModelId?: number;
  category?: ProductCategory;
  state?: AssetState;
  warrantyEndsBefore?: string;
  sort?: AssetSort;
}

export interface ProductModelFilter {
  vendor?: string;
  category?: ProductCategory;
  q?: string;
  active?: 'true' | 'false';
}

const PAGE_SIZE = 50;

export const assetsKeys = {
  all: ['assets'] as const,
  list: (filter: AssetFilter) => ['assets', 'list', filter] as const,
  detail: (id: number) => ['assets', 'detail', id] as const,
  history: (id: number) => ['assets', 'detail', id, 'history'] as const,
  models: ['product-models'] as const,
};

export function useAssetList(filter: AssetFilter) {
  return useInfiniteQuery({
    queryKey: assetsKeys.list(filter),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => {
      const params = queryParams(filter);
      params.set('limit', String(PAGE_SIZE));
      if (pageParam) params.set('cursor', pageParam);
      return api.get<AssetPage>(`/api/assets?${params}`, signal);
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useAsset(id: number | undefined) {
  return useQuery({
    queryKey: assetsKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<Asset>(`/api/assets/${id}`, signal),
    enabled: id !== undefined,
  });
}

export function useAssetHistory(id: number) {
  return useQuery({
    queryKey: assetsKeys.history(id),
    queryFn: ({ signal }) => api.get<AssetHistory>(`/api/assets/${id}/history`, signal),
  });
}

export function useProductModelList(filter: ProductModelFilter) {
  return useInfiniteQuery({
    queryKey: [...assetsKeys.models, 'list', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => {
      const params = queryParams(filter);
      params.set('limit', String(PAGE_SIZE));
      if (pageParam) params.set('cursor', pageParam);
      return api.get<ProductModelPage>(`/api/product-models?${params}`, signal);
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Product models matching a text, for the searchable model selects (active ones unless `all`). */
export function useProductModelSearch(q: string, options: { all?: boolean } = {}) {
  return useQuery({
    queryKey: [...assetsKeys.models, 'search', q, options.all ?? false],
    queryFn: ({ signal }) => {
      const params = queryParams({ q: q.trim(), active: options.all ? undefined : 'true', limit: 30 });
      return api.get<ProductModelPage>(`/api/product-models?${params}`, signal);
    },
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
}

export function useProductModel(id: number | undefined) {
  return useQuery({
    queryKey: [...assetsKeys.models, 'detail', id],
    queryFn: ({ signal }) => api.get<ProductModel>(`/api/product-models/${id}`, signal),
    enabled: id !== undefined,
  });
}

/** The vendors of the product models (one page of 500 is far more than an integrator carries). */
export function useVendors() {
  return useQuery({
    queryKey: [...assetsKeys.models, 'vendors'],
    queryFn: ({ signal }) => api.get<ProductModelPage>('/api/product-models?limit=500', signal),
    select: (data) => {
      const byUpper = new Map<string, string>();
      for (const m of data.items)
        if (!byUpper.has(m.vendor.toUpperCase())) byUpper.set(m.vendor.toUpperCase(), m.vendor);
      return [...byUpper.values()].sort((a, b) => a.localeCompare(b));
    },
    staleTime: 5 * 60_000,
  });
}

export function useRegisterAsset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssetBody) => api.post<Asset>('/api/assets', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assetsKeys.all }),
    meta: { handlesErrors: true },
  });
}

export function useUpdateAsset(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssetPatch) => api.patch<Asset>(`/api/assets/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assetsKeys.all }),
    meta: { handlesErrors: true },
  });
}

export function useSaveProductModel(id: number | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProductModelBody | ProductModelPatch) =>
      id === undefined
        ? api.post<ProductModel>('/api/product-models', body)
        : api.patch<ProductModel>(`/api/product-models/${id}`, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: assetsKeys.models }),
        // A new vendor name carries over to the model's assets.
        queryClient.invalidateQueries({ queryKey: assetsKeys.all }),
      ]),
    meta: { handlesErrors: true },
  });
}

/** A 422 of the import: the problem body with its row-by-row report. */
export class ImportRejectedError extends ApiError {
  readonly report: ImportRejection['report'];
  constructor(problem: ImportRejection) {
    super(422, problem);
    this.report = problem.report;
  }
}

function importForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

async function postImport(file: File, query: URLSearchParams, csrfToken: string | undefined, accept: string) {
  const headers: Record<string, string> = { accept };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(`/api/assets/import?${query}`, {
      method: 'POST',
      body: importForm(file),
      headers,
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new ApiError(0, { code: 'unavailable', detail: String(error) });
  }
}

/**
 * Sends one workbook to the import (multipart; the JSON client does not do multipart). A refusal
 * with a report throws ImportRejectedError, any other failure an ApiError.
 */
export async function importWorkbook(
  file: File,
  dryRun: boolean,
  csrfToken: string | undefined,
): Promise<ImportSummary> {
  const response = await postImport(
    file,
    new URLSearchParams({ dryRun: String(dryRun) }),
    csrfToken,
    'application/json',
  );
  if (response.ok) return (await response.json()) as ImportSummary;
  let problem: ProblemDetails & { report?: ImportRejection['report'] } = { status: response.status };
  try {
    problem = (await response.json()) as typeof problem;
  } catch {
    // Not JSON: the status decides the code.
  }
  if (response.status === 422 && problem.report) throw new ImportRejectedError(problem as ImportRejection);
  throw new ApiError(response.status, problem);
}

/** The import's row-by-row report of a refused workbook, as an xlsx the browser saves. */
export async function downloadImportReport(file: File, csrfToken: string | undefined): Promise<void> {
  const response = await postImport(
    file,
    new URLSearchParams({ dryRun: 'true', report: 'xlsx' }),
    csrfToken,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  // 422 carries the report; 200 means the file has no problems (any more): nothing to save.
  if (response.status !== 422) {
    if (response.ok) return;
    throw new ApiError(response.status, { status: response.status });
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = 'asset-import-errors.xlsx';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useImportMutation(csrfToken: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) =>
      importWorkbook(file, dryRun, csrfToken),
    onSuccess: (summary) =>
      summary.dryRun
        ? undefined
        : Promise.all([
            queryClient.invalidateQueries({ queryKey: assetsKeys.all }),
            queryClient.invalidateQueries({ queryKey: assetsKeys.models }),
          ]),
    meta: { handlesErrors: true },
  });
}
