/**
 * exceljs on demand: it is tens of megabytes of code that only an export or an import needs, so
 * a process that never makes a workbook never loads it (idle RSS, issue 7).
 */
import type ExcelJS from 'exceljs';

export type { ExcelJS };

export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}
