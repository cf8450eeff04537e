/*
 * The floor DESIGN §10 measures procsweep's warm scan against: read /proc/PID/stat and
 * /proc/PID/cmdline for every process, and nothing else. Prints the number of processes read.
 */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static char buf[65536];

static long slurp(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  long total = 0, n;
  while ((n = read(fd, buf, sizeof buf)) > 0) total += n;
  close(fd);
  return total;
}

int main(void) {
  DIR *d = opendir("/proc");
  struct dirent *e;
  char path[64];
  int count = 0;
  while ((e = readdir(d)) != NULL) {
    if (!isdigit((unsigned char)e->d_name[0])) continue;
    snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
    if (slurp(path) < 0) continue;
    snprintf(path, sizeof path, "/proc/%s/cmdline", e->d_name);
    slurp(path);
    count++;
  }
  closedir(d);
  printf("%d\n", count);
  return 0;
}
