/* The smallest program to launch: the floor of "fork + exec" (bench/e2e_*). */
int main(void) { return 0; }
