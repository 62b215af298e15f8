-- An instance is known by its own random id; a pid is trusted only inside the PID namespace it belongs to (containers
-- and pods share host names, and each may run as pid 1): the boot id and namespace the instance saw its pid in.
ALTER TABLE gateway_instance ADD COLUMN pid_namespace VARCHAR(255);
