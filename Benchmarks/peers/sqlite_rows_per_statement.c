/* How many rows per INSERT statement? (Benchmarks/README.md, "Ledger")
 * Inserts 2,000,000 action-shaped rows into the actions schema with the import's pragmas,
 * PER rows per statement.  cc -O2 sqlite_rows_per_statement.c -lsqlite3 -o rows && ./rows 32 0 " ON CONFLICT DO NOTHING"
 * args: PER, MEMSTATUS (0 = SQLITE_CONFIG_MEMSTATUS off), conflict clause, and optionally
 * "index" to keep an index on actions(invoice, at) as rows come. Writes x.db here. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int argc,char**argv){
  int per=atoi(argv[1]); int memstat=atoi(argv[2]); const char*conf=argv[3]; int N=2000000;
  if(!memstat) sqlite3_config(SQLITE_CONFIG_MEMSTATUS,0);
  remove("x.db"); sqlite3*db; sqlite3_open("x.db",&db);
  sqlite3_exec(db,"PRAGMA journal_mode=DELETE; PRAGMA cache_size=-131072; PRAGMA foreign_keys=OFF; PRAGMA ignore_check_constraints=ON;"
  "CREATE TABLE actions (id INTEGER PRIMARY KEY, action_id TEXT NOT NULL UNIQUE CHECK (action_id <> ''), invoice INTEGER NOT NULL, at INTEGER NOT NULL,"
  "channel TEXT NOT NULL CHECK (channel IN ('email','sms','voice_agent','call','letter')), actor TEXT NOT NULL DEFAULT 'agent' CHECK (actor IN ('agent','human')),"
  "tone TEXT NOT NULL DEFAULT 'standard' CHECK (tone IN ('soft','standard','firm','final')), outcome TEXT CHECK (outcome IN ('none','no_answer','promise','dispute','paid','bounced')),"
  "minutes REAL CHECK (minutes >= 0), propensity REAL CHECK (propensity > 0 AND propensity <= 1));",0,0,0);
  if(argc>4 && !strcmp(argv[4],"index")) sqlite3_exec(db,"CREATE INDEX actions_by_invoice_day ON actions(invoice, at);",0,0,0);
  char sql[20000]; strcpy(sql,"INSERT INTO actions (action_id, invoice, at, channel, actor, tone, outcome, minutes, propensity) VALUES ");
  for(int r=0;r<per;r++){ strcat(sql, r?",(?,?,?,?,?,?,?,?,?)":"(?,?,?,?,?,?,?,?,?)"); }
  strcat(sql, conf);
  sqlite3_stmt*st; if(sqlite3_prepare_v2(db,sql,-1,&st,0)){printf("%s\n",sqlite3_errmsg(db));return 1;}
  const char*ch[]={"email","sms","voice_agent","call","letter"}; const char*tn[]={"soft","standard","firm","final"};
  double t0=now(); sqlite3_exec(db,"BEGIN",0,0,0);
  char key[per][16];
  for(int i=0;i<N;i+=per){
    for(int r=0;r<per;r++){ int k=i+r; int b=r*9;
      snprintf(key[r],16,"A%08d",k);
      sqlite3_bind_text(st,b+1,key[r],9,SQLITE_STATIC);
      sqlite3_bind_int64(st,b+2,k/2); sqlite3_bind_int64(st,b+3,19000+k%700);
      sqlite3_bind_text(st,b+4,ch[k%5],-1,SQLITE_STATIC); sqlite3_bind_text(st,b+5,"agent",5,SQLITE_STATIC);
      sqlite3_bind_text(st,b+6,tn[k%4],-1,SQLITE_STATIC);
      if(k%3) sqlite3_bind_null(st,b+7); else sqlite3_bind_text(st,b+7,"promise",7,SQLITE_STATIC);
      sqlite3_bind_null(st,b+8); sqlite3_bind_double(st,b+9,0.5);
    }
    if(sqlite3_step(st)!=SQLITE_DONE){printf("err %s\n",sqlite3_errmsg(db));return 1;} sqlite3_reset(st);
  }
  double t1=now(); sqlite3_exec(db,"COMMIT",0,0,0); double t2=now();
  printf("per=%d memstat=%d conf='%s': insert %.2f s commit %.2f s\n",per,memstat,conf,t1-t0,t2-t1);
  return 0;}
