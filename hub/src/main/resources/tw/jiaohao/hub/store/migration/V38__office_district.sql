-- Head office groups offices into districts (set on the dashboard's /districts page) so an office's
-- figures can be compared with its district's. An office without a row belongs to no district.
CREATE TABLE office_district (
    office   TEXT    PRIMARY KEY,
    district TEXT    NOT NULL,
    set_by   TEXT    NOT NULL,
    set_at   INTEGER NOT NULL   -- epoch ms
);
