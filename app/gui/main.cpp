// placeholder until the dashboard's main lands
int main() { return 0; }
