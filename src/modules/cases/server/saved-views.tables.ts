/** Row type of saved queue views. */
import type { Generated } from 'kysely';

export interface SavedViewTable {
  id: Generated<number>;
  owner_user_id: number;
  name: string;
  query: string;
  shared: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SavedViewTables {
  saved_view: SavedViewTable;
}
