if [[ -o interactive ]]; then
  export DTEN_CLUSTER_GOSSIP_INTERVAL=1s
fi
