/*
 * crowd N: a benchmark population of N sleeping processes.
 *
 * Forks N children that pause(); the first PREFORK of them keep one of LISTENERS inherited
 * listening sockets each, as a prefork server's workers do, the rest close them. Prints
 * "ready <port>..." once all exist, then waits for its stdin to close (or SIGTERM) and kills
 * and reaps them. Children also die with the parent (PR_SET_PDEATHSIG), so a killed or
 * crashed benchmark leaves nothing behind. Its command line carries "psweep-bench-crowd".
 */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define LISTENERS 10
#define PREFORK 100

static volatile sig_atomic_t stop;
static void on_term(int sig) { (void)sig; stop = 1; }

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: crowd N [psweep-bench-crowd]\n");
    return 2;
  }
  int n = atoi(argv[1]);
  int fds[LISTENERS], ports[LISTENERS];
  for (int i = 0; i < LISTENERS; i++) {
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    fds[i] = socket(AF_INET, SOCK_STREAM, 0);
    if (fds[i] < 0 || bind(fds[i], (struct sockaddr *)&a, sizeof a) || listen(fds[i], 16) ||
        getsockname(fds[i], (struct sockaddr *)&a, &len)) {
      perror("listener");
      return 1;
    }
    ports[i] = ntohs(a.sin_port);
  }
  pid_t *kids = calloc(n, sizeof *kids);
  pid_t parent = getpid();
  for (int i = 0; i < n; i++) {
    pid_t p = fork();
    if (p < 0) {
      perror("fork");
      n = i;
      break;
    }
    if (p == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != parent) _exit(0);
      for (int j = 0; j < LISTENERS; j++)
        if (!(i < PREFORK && j == i % LISTENERS)) close(fds[j]);
      for (;;) pause();
    }
    kids[i] = p;
  }
  for (int i = 0; i < LISTENERS; i++) close(fds[i]);
  signal(SIGTERM, on_term);
  printf("ready %d", n);
  for (int i = 0; i < LISTENERS; i++) printf(" %d", ports[i]);
  printf("\n");
  fflush(stdout);
  char buf[64];
  while (!stop && read(0, buf, sizeof buf) > 0) {
  }
  for (int i = 0; i < n; i++) kill(kids[i], SIGKILL);
  for (int i = 0; i < n; i++) waitpid(kids[i], NULL, 0);
  return 0;
}
