"""SMART goals tied to the staffing indicators or measures of a municipality's own."""
