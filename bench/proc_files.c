/*
 * What each /proc file costs: for every process, one pass per file (read to the end, or
 * readlink, or stat(2), or a walk of fd/ with a readlink per descriptor), timed as a whole
 * pass. Prints "name<TAB>total_ms<TAB>us_per_process<TAB>processes" per line. bench/run reports it as the
 * read path's profile: the kernel's price of each file procsweep may read.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char buf[65536];
static int pids[1 << 20];
static int npids;

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void slurp(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return;
  while (read(fd, buf, sizeof buf) > 0) {
  }
  close(fd);
}

static void file(int pid, const char *name) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
  slurp(path);
}

static void readl(int pid, const char *name) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
  (void)readlink(path, buf, sizeof buf);
}

static void statdir(int pid, const char *name) {
  char path[64];
  struct stat st;
  snprintf(path, sizeof path, "/proc/%d%s", pid, name);
  (void)stat(path, &st);
}

static void fds(int pid, const char *name) {
  (void)name;
  char path[64], fdpath[320];
  snprintf(path, sizeof path, "/proc/%d/fd", pid);
  DIR *d = opendir(path);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    snprintf(fdpath, sizeof fdpath, "%s/%s", path, e->d_name);
    (void)readlink(fdpath, buf, sizeof buf);
  }
  closedir(d);
}

typedef void (*reader)(int, const char *);
static const struct {
  const char *label;
  reader f;
  const char *name;
} passes[] = {
    {"stat", file, "stat"},           {"status", file, "status"},
    {"cmdline", file, "cmdline"},     {"environ", file, "environ"},
    {"cgroup", file, "cgroup"},       {"exe (readlink)", readl, "exe"},
    {"cwd (readlink)", readl, "cwd"},  {"fd/0 (readlink)", readl, "fd/0"},
    {"ns/pid (readlink)", readl, "ns/pid"},
    {"stat(2) of /proc/PID", statdir, ""},
    {"fd/ walk + readlink each", fds, ""},
};

int main(void) {
  double t0 = now_ms();
  DIR *d = opendir("/proc");
  struct dirent *e;
  while ((e = readdir(d)) != NULL && npids < (int)(sizeof pids / sizeof *pids))
    if (isdigit((unsigned char)e->d_name[0])) pids[npids++] = atoi(e->d_name);
  closedir(d);
  printf("readdir(/proc)\t%.3f\t%.3f\t%d\n", now_ms() - t0, (now_ms() - t0) * 1e3 / npids, npids);
  for (size_t p = 0; p < sizeof passes / sizeof *passes; p++) {
    double t = now_ms();
    for (int i = 0; i < npids; i++) passes[p].f(pids[i], passes[p].name);
    double ms = now_ms() - t;
    printf("%s\t%.3f\t%.3f\t%d\n", passes[p].label, ms, ms * 1e3 / npids, npids);
  }
  return 0;
}
