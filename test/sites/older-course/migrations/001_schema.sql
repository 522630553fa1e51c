create table job (id integer primary key, name text not null);
