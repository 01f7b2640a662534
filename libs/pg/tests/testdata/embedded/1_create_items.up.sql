-- Content that must survive embedding byte for byte: a raw-string terminator )ecnsql" and
-- )ecnsql1" force another delimiter; ${NOT_A_CMAKE_VAR}, @ALSO_NOT@, semicolons; backslashes \n \\
-- and non-ASCII text (café, 注文) stay as written.
CREATE TABLE items (
  id bigint PRIMARY KEY,
  label text NOT NULL DEFAULT E'tab\there; "quoted"'
);
